package org.stackbridge.staff.console.page;

import org.stackbridge.core.outcome.RefusalReason;

/**
 * A message at the top of a desk panel: a success, a refusal (with the engine's reason code) or an alert that needs
 * the staff member's attention (a hold trap, a transit). Refusals and alerts are announced and may play a sound.
 */
public record Notice(Kind kind, String text, String reason) {

    public enum Kind { OK, ERROR, ALERT }

    public static Notice ok(String text) {
        return new Notice(Kind.OK, text, null);
    }

    public static Notice error(String text) {
        return new Notice(Kind.ERROR, text, null);
    }

    public static Notice refused(RefusalReason reason, String text) {
        return new Notice(Kind.ERROR, text, reason.name());
    }

    public static Notice alert(String text) {
        return new Notice(Kind.ALERT, text, null);
    }

    /** Refusals and alerts interrupt: announced assertively, with the sound when it is on. */
    public boolean urgent() {
        return kind != Kind.OK;
    }

    public String cssClass() {
        return switch (kind) {
            case OK -> "notice notice-ok";
            case ERROR -> "notice notice-error";
            case ALERT -> "notice notice-alert";
        };
    }
}
