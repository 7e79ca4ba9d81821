package io.onionpanel.settings;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Attach to a tor that runs already (a system tor on 9051, a Docker Compose tor container) instead of
 * launching one: the panel then creates its services on that tor with ADD_ONION and its own keys.
 *
 * @param control      {@code host:port} or {@code unix:/path} of the control port
 * @param auth         {@code cookie}, {@code safecookie} or {@code password}
 * @param passwordFile file holding the control password (auth = password); the password is never stored here
 * @param cookieFile   the cookie file, or null to use the one tor names in PROTOCOLINFO
 * @param allowRemote  the operator accepted a control port that is not on this machine
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record AttachSettings(String control, String auth, String passwordFile, String cookieFile, Boolean allowRemote) {
    public static final String COOKIE = "cookie";
    public static final String SAFECOOKIE = "safecookie";
    public static final String PASSWORD = "password";

    public AttachSettings {
        auth = auth == null ? SAFECOOKIE : auth;
        allowRemote = Boolean.TRUE.equals(allowRemote);
    }
}
