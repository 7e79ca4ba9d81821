package io.onionpanel.routstr;

/**
 * Routstr answered, or did not, in a way that stops the change; the message is for the operator. It never holds
 * the admin password or a token: neither is passed to anything that builds a message.
 */
public final class RoutstrApiException extends RuntimeException {
    public enum Kind {
        /** Nothing answers at the URL (not started, another port, a firewall). */
        NOT_REACHABLE,
        /** 401 from the login. */
        WRONG_PASSWORD,
        /** The node has no password login (Routstr before 0.2.0 used a cookie) or no settings API. */
        NO_ADMIN_API,
        /** The node's admin password was never set (first start of the dashboard pending). */
        NO_ADMIN_PASSWORD,
        /** The token was refused (expired: it lives one hour) or the node refused the change. */
        REFUSED,
        /** It answers, but not in the shape of the Routstr versions the panel knows. */
        UNEXPECTED_ANSWER
    }

    private final Kind kind;

    public RoutstrApiException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
