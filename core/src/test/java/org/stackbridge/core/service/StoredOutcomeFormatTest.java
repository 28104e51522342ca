package org.stackbridge.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;

class StoredOutcomeFormatTest {

    private final Outcome<String> outcome = Outcome.refused(RefusalReason.TOO_MANY_LOANS, "Too many items checked out (limit 5)");

    @Test
    void storedOutcomesAreDeflatedAndReadBack() {
        byte[] stored = LocalCirculationPort.serialize(outcome);
        assertEquals('Z', stored[0]);
        assertTrue(stored.length < raw(outcome).length, "deflated " + stored.length + " vs raw " + raw(outcome).length);
        assertEquals(outcome, LocalCirculationPort.deserialize(stored));
    }

    @Test
    void outcomesStoredBeforeDeflationStillReadBack() {
        assertEquals(outcome, LocalCirculationPort.deserialize(raw(outcome)));
    }

    @Test
    void aTruncatedStoredOutcomeIsAnErrorNotAHang() {
        byte[] stored = LocalCirculationPort.serialize(outcome);
        assertThrows(IllegalStateException.class, () -> LocalCirculationPort.deserialize(Arrays.copyOf(stored, stored.length / 2)));
    }

    private static byte[] raw(Object o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}
