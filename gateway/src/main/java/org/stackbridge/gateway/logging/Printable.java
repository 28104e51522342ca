package org.stackbridge.gateway.logging;

/**
 * Makes a logged value safe to print on one line: control bytes (CR, LF, ESC, NUL, ...) become {@code \xNN}
 * escapes, so a value received from a client can neither forge log lines nor drive the terminal.
 */
public final class Printable {

    private Printable() {
    }

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        int i = 0;
        while (i < s.length() && !Character.isISOControl(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                b.append(String.format(java.util.Locale.ROOT, "\\x%02X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
