package org.vireo.ui;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.vireo.model.ConnectionState;
import org.vireo.model.DomainAction;
import org.vireo.model.DomainState;

/** The icons of states and actions, with a style class per state for colour (see vireo.css). */
public final class Icons {
    private Icons() {
    }

    public static FontIcon of(Ikon ikon) {
        return new FontIcon(ikon);
    }

    public static Ikon forState(DomainState state) {
        return switch (state) {
            case RUNNING, BLOCKED -> MaterialDesignP.PLAY_CIRCLE;
            case PAUSED -> MaterialDesignP.PAUSE_CIRCLE;
            case SHUTDOWN -> MaterialDesignP.POWER;
            case SHUTOFF, NOSTATE -> MaterialDesignS.STOP_CIRCLE;
            case CRASHED -> MaterialDesignA.ALERT_CIRCLE;
            case PMSUSPENDED -> MaterialDesignS.SLEEP;
        };
    }

    public static String styleClass(DomainState state) {
        return "state-" + state.name().toLowerCase();
    }

    public static Ikon forConnection(ConnectionState state) {
        return switch (state) {
            case CONNECTED -> MaterialDesignS.SERVER;
            case CONNECTING -> MaterialDesignL.LAN_PENDING;
            case DISCONNECTED -> MaterialDesignS.SERVER_OFF;
        };
    }

    public static String styleClass(ConnectionState state) {
        return "host-" + state.name().toLowerCase();
    }

    public static Ikon forAction(DomainAction action) {
        return switch (action) {
            case START -> MaterialDesignP.PLAY;
            case PAUSE -> MaterialDesignP.PAUSE;
            case RESUME -> MaterialDesignP.PLAY_PAUSE;
            case SHUTDOWN -> MaterialDesignP.POWER;
            case REBOOT -> MaterialDesignR.RESTART;
            case FORCE_OFF -> MaterialDesignP.POWER_PLUG_OFF;
        };
    }

    public static Ikon close() {
        return MaterialDesignC.CLOSE_CIRCLE;
    }
}
