package org.stackbridge.gateway.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import java.util.Map;

/**
 * {@code %fields{protocol,remote,login}}: the named MDC entries that are set, as {@code key=value} separated by
 * spaces, values escaped with {@link Printable}. Logback's {@code %X} has no "prefix when present" form, and
 * writing the keys back to back ran them together ({@code sip2127.0.0.1probe}).
 */
public final class MdcFieldsConverter extends ClassicConverter {

    private List<String> keys = List.of();

    @Override
    public void start() {
        List<String> options = getOptionList();
        keys = options == null ? List.of() : List.copyOf(options);
        super.start();
    }

    @Override
    public String convert(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc == null || mdc.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (String key : keys) {
            String value = mdc.get(key);
            if (value != null && !value.isEmpty()) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(key).append('=').append(Printable.escape(value));
            }
        }
        return b.toString();
    }
}
