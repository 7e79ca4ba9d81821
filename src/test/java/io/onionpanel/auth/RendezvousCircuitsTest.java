package io.onionpanel.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RendezvousCircuitsTest {
    private static final String ME = "abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuvwx";
    private static final String OTHER = "zzcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuvwx";

    @Test
    void findsOnlyThisServicesOpenRendezvousCircuits() {
        String status = String.join("\r\n",
                "1 BUILT $AAAA~relay1,$BBBB~relay2 BUILD_FLAGS=NEED_CAPACITY PURPOSE=GENERAL TIME_CREATED=2025-01-01T00:00:00.000000",
                "7 BUILT $AAAA~relay1,$CCCC~relay3,$DDDD~relay4 BUILD_FLAGS=IS_INTERNAL,NEED_CAPACITY PURPOSE=HS_SERVICE_REND"
                        + " HS_STATE=HSSR_JOINED REND_QUERY=" + ME + " TIME_CREATED=2025-01-01T00:00:01.000000",
                "8 BUILT $AAAA~relay1 BUILD_FLAGS=IS_INTERNAL PURPOSE=HS_SERVICE_INTRO HS_STATE=HSSI_ESTABLISHED REND_QUERY=" + ME,
                "9 EXTENDED $AAAA~relay1 PURPOSE=HS_SERVICE_REND HS_STATE=HSSR_CONNECTING REND_QUERY=" + OTHER,
                "12 LAUNCHED BUILD_FLAGS=IS_INTERNAL PURPOSE=HS_SERVICE_REND HS_STATE=HSSR_CONNECTING REND_QUERY=" + ME,
                "13 CLOSED $AAAA~relay1 PURPOSE=HS_SERVICE_REND REND_QUERY=" + ME,
                "");
        assertEquals(List.of("7", "12"), RendezvousCircuits.of(status, ME));
        assertEquals(List.of("9"), RendezvousCircuits.of(status, OTHER));
        assertEquals(List.of(), RendezvousCircuits.of("", ME));
    }
}
