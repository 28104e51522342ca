package org.stackbridge.adapter.memory.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Small ISO 2709 records for the cataloguing scenarios (the engine reads MARC without marc4j). */
final class MarcTestRecords {

    private MarcTestRecords() {
    }

    /**
     * A record of {@code fields}, each {@code "TAG data"}: control fields (00X) as is, data fields as two indicators
     * then subfields written {@code $a...$b...}.
     */
    static byte[] record(String... fields) {
        ByteArrayOutputStream directory = new ByteArrayOutputStream();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (String f : fields) {
            String tag = f.substring(0, 3);
            String body = f.substring(4);
            if (!tag.startsWith("00")) {
                body = body.replace('$', '\u001F');
            }
            byte[] bytes = (body + "\u001E").getBytes(StandardCharsets.UTF_8);
            directory.writeBytes(String.format(Locale.ROOT, "%s%04d%05d", tag, bytes.length, data.size()).getBytes(StandardCharsets.US_ASCII));
            data.writeBytes(bytes);
        }
        directory.write(0x1E);
        int base = 24 + directory.size();
        int length = base + data.size() + 1;
        String leader = String.format(Locale.ROOT, "%05dnam a22%05d   4500", length, base);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(leader.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(directory.toByteArray());
        out.writeBytes(data.toByteArray());
        out.write(0x1D);
        return out.toByteArray();
    }

    /** A valid book record: 001, a 40-character 008, 020 (when given) and 245. */
    static byte[] book(String controlNumber, String title, String isbn) {
        return isbn == null
                ? record("001 " + controlNumber, "008 " + "260101s2026    xxu           000 0 eng d", "245 10$a" + title)
                : record("001 " + controlNumber, "008 " + "260101s2026    xxu           000 0 eng d", "020   $a" + isbn, "245 10$a" + title);
    }
}
