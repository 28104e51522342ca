package org.stackbridge.sip2.codec;

import org.stackbridge.sip2.message.Sip2Message;

/** A decoded message with the exact frame bytes it came from (for duplicate detection). */
public record Sip2Request(Sip2Message message, byte[] raw) {
}
