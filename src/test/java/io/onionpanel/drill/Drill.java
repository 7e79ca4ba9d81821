package io.onionpanel.drill;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a drill: a test that repeats a failure many times (a thousand SIGKILLs of a saving process) and takes
 * minutes by design. It runs with the network tests in surefire's {@code network-test} execution, not in the
 * fast one, which is meant to answer within a few minutes on two cores.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(Drill.TAG)
public @interface Drill {
    String TAG = "drill";
}
