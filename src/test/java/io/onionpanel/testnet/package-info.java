/**
 * A private Tor network on 127.0.0.1 for end-to-end tests, and the helpers around it.
 *
 * <p>Typical use: {@code PrivateTorNetwork net = TorNetworkSupport.requireNetwork();} (skips the
 * test without Debian's tor package, fails on CI), then give the tor under test
 * {@link io.onionpanel.testnet.PrivateTorNetwork#clientTorrcLines()} plus its own DataDirectory,
 * ports and services. Wait for its descriptor upload (HS_DESC UPLOADED) before the first request
 * to its onion address, and fetch through its SOCKS port with {@link io.onionpanel.testnet.Socks5Http}.
 * {@link io.onionpanel.testnet.StandInRoutstr} stands in for Routstr Core behind the service.
 *
 * <p>{@code -Donionpanel.testnet.infoLogs=true} makes every tor started here also write info.log.
 * The network's files stay in {@code target/private-tor-net} after the run, for post-mortems.
 */
package io.onionpanel.testnet;
