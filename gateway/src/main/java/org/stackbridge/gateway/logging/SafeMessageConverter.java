package org.stackbridge.gateway.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %safeMsg}: the formatted message with control bytes escaped, so client-sent values stay on one line. */
public final class SafeMessageConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Printable.escape(event.getFormattedMessage());
    }
}
