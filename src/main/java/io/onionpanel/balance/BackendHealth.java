package io.onionpanel.balance;

/**
 * One backend as the frontend panel sees it.
 *
 * @param fetched        Onionbalance holds a descriptor of it (from its status socket)
 * @param introPoints    introduction points in that descriptor (0 when none)
 * @param inPublished    some of its introduction points are in the frontend's published descriptor (checked by
 *                       fetching and opening both descriptors through the panel's tor)
 * @param lastSeenMillis last time a connection through tor to the backend's own address reached its API (0: never)
 * @param live           the last such connection reached it
 * @param detail         why not live, in words (null when live)
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record BackendHealth(String address, boolean fetched, int introPoints, boolean inPublished,
                            long lastSeenMillis, boolean live, String detail) {
    public String state() {
        return live ? "live" : lastSeenMillis == 0 && detail == null ? "waiting" : "missing";
    }
}
