package io.onionpanel.control;

import io.onionpanel.actions.LocalPanelActions;
import io.onionpanel.actions.PanelActions;
import java.nio.file.Path;

/** The engine's panel methods for tests outside this package (JsonCodecParityTest): as the owner calls them. */
public final class PanelMethodsAccess {
    private final PanelMethods methods;

    public PanelMethodsAccess(PanelActions actions, Path data) {
        this.methods = new PanelMethods(actions, LocalPanelActions.forOtherUsers(data), () -> { });
    }

    public Object call(String method, String paramsJson) throws Exception {
        return methods.call(method, paramsJson == null ? null : ControlProtocol.JSON.readTree(paramsJson), true);
    }
}
