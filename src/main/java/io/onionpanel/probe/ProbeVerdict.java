package io.onionpanel.probe;

/** Why requests failed (or that they did not), in the operator's words. */
public enum ProbeVerdict {
    OK("All requests answered"),
    TOR_NOT_READY("tor is not ready: its SOCKS port does not answer (is tor running and bootstrapped?)"),
    DESCRIPTOR_NOT_FOUND("Descriptor not found: the address is not published on the onion service directories"
            + " (wrong address, service stopped, or its descriptor not uploaded yet)"),
    INTRODUCTION_FAILED("Introduction failed: the descriptor was found but the service's introduction points did"
            + " not answer (is the service's tor still running?)"),
    RENDEZVOUS_FAILED("Rendezvous failed or timed out: tor could not complete the circuit to the service in time"),
    LOCAL_TARGET_DOWN("Local target down: the onion service is up, but the API behind it does not accept"
            + " connections (checked directly, without tor)"),
    HTTP_ERROR("HTTP error from the service: the request reached the API, which answered with an error status"),
    CLIENT_AUTH("Client authorisation: the service is restricted to authorised clients"),
    BAD_ADDRESS("Not a valid onion address"),
    OTHER("The request failed");

    private final String words;

    ProbeVerdict(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    /** Tor or network trouble worth retrying (the seed's backoff on proxy errors and timeouts). */
    public boolean retryable() {
        return this == TOR_NOT_READY || this == DESCRIPTOR_NOT_FOUND || this == INTRODUCTION_FAILED
                || this == RENDEZVOUS_FAILED || this == OTHER;
    }

    /** Only these can hide a local target that is down; descriptor and tor problems are reported as such. */
    boolean mayMeanTargetDown() {
        return this == RENDEZVOUS_FAILED || this == OTHER;
    }
}
