package io.onionpanel.testnet;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class or method that uses the private Tor network ({@link TorNetworkSupport#requireNetwork()},
 * {@link PrivateTorNetwork#shared()}). The build runs these in their own surefire execution
 * ({@code network-test}), after the fast one ({@code default-test}), which excludes the tag: unit and GUI tests
 * then answer in minutes instead of waiting for a network to bootstrap. The fast execution refuses to start
 * the network, so a test that needs it but lacks this tag fails there instead of silently slowing it down.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(NetworkTest.TAG)
public @interface NetworkTest {
    String TAG = "network";
}
