package org.stackbridge.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.ill.IllViews;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;

class StoredOutcomeFormatTest {

    private final Outcome<String> outcome = Outcome.refused(RefusalReason.TOO_MANY_LOANS, "Too many items checked out (limit 5)");

    @Test
    void outcomesAreStoredInTheCompactFormAndReadBack() {
        byte[] stored = LocalCirculationPort.serialize(outcome);
        assertEquals(CompactRecords.MARKER, stored[0]);
        assertTrue(stored.length < LocalCirculationPort.javaSerialized(outcome).length);
        assertEquals(outcome, LocalCirculationPort.deserialize(stored));
    }

    @Test
    void aCheckoutOutcomeIsSmallerThanItsDeflatedJavaSerialization() {
        Object checkout = new RandomRecords(1).record(Views.CheckedOut.class, 0);
        Outcome<Object> success = Outcome.success(checkout);
        byte[] compact = LocalCirculationPort.serialize(success);
        byte[] java = LocalCirculationPort.javaSerialized(success);
        assertTrue(compact.length < java.length, "compact " + compact.length + " vs deflated Java " + java.length);
        assertEquals(success, LocalCirculationPort.deserialize(compact));
    }

    /** Seeded random instances of every engine view: encoding then decoding gives the same value. */
    @Test
    void everyViewRoundTripsThroughTheCompactForm() {
        List<Class<?>> views = new ArrayList<>();
        for (Class<?> holder : List.of(Views.class, IllViews.class)) {
            Arrays.stream(holder.getDeclaredClasses()).filter(Class::isRecord).forEach(views::add);
        }
        assertTrue(views.size() > 25, "found " + views);
        for (long seed = 1; seed <= 40; seed++) {
            RandomRecords random = new RandomRecords(seed);
            for (Class<?> view : views) {
                Object value = random.record(view, 0);
                Outcome<Object> o = random.bool() ? Outcome.success(value)
                        : Outcome.refused(RefusalReason.values()[random.nextInt(RefusalReason.values().length)], random.string(),
                        (java.io.Serializable) value);
                byte[] stored = CompactRecords.encode(o);
                assertEquals(o, CompactRecords.decode(stored), "seed " + seed + " " + view.getSimpleName());
            }
        }
    }

    @Test
    void aValueTheCompactFormCannotWriteFallsBackToJavaSerialization() {
        Outcome<String> odd = Outcome.refused(RefusalReason.SYSTEM_ERROR, "odd", UUID.nameUUIDFromBytes(new byte[] {1}));
        byte[] stored = LocalCirculationPort.serialize(odd);
        assertEquals('Z', stored[0]);
        assertEquals(odd, LocalCirculationPort.deserialize(stored));
    }

    @Test
    void outcomesStoredInEarlierFormatsStillReadBack() {
        assertEquals(outcome, LocalCirculationPort.deserialize(raw(outcome)));
        assertEquals(outcome, LocalCirculationPort.deserialize(LocalCirculationPort.javaSerialized(outcome)));
    }

    @Test
    void aTruncatedStoredOutcomeIsAnErrorNotAHang() {
        byte[] stored = LocalCirculationPort.serialize(outcome);
        for (int n = 1; n < stored.length; n++) {
            byte[] cut = Arrays.copyOf(stored, n);
            assertThrows(IllegalStateException.class, () -> LocalCirculationPort.deserialize(cut), "cut at " + n);
        }
        byte[] deflated = LocalCirculationPort.javaSerialized(outcome);
        assertThrows(IllegalStateException.class, () -> LocalCirculationPort.deserialize(Arrays.copyOf(deflated, deflated.length / 2)));
    }

    @Test
    void onlyOurOwnRecordsAndEnumsAreRebuilt() {
        // names are written relative to org.stackbridge.core.
        for (String name : List.of("service.LocalCirculationPort", "NoSuchThing", "port.TransactionRunner", "../java.io.File")) {
            byte[] name8 = name.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.write(CompactRecords.MARKER);
            b.write(11); // record
            b.write(0); // a new class
            b.write(name8.length);
            b.write(name8, 0, name8.length);
            b.write(0); // shape hash
            byte[] data = b.toByteArray();
            assertThrows(IllegalStateException.class, () -> LocalCirculationPort.deserialize(data), name);
        }
    }

    @Test
    void aRecordWhoseShapeChangedSinceItWasStoredIsRefused() {
        byte[] stored = CompactRecords.encode(new Views.TerminalLogin("kiosk", "INST", "default"));
        String name = Views.TerminalLogin.class.getName();
        int hashAt = 1 + 1 + 1 + 1 + name.length() - "org.stackbridge.core.".length();
        stored[hashAt] ^= 0x01;
        byte[] tampered = stored;
        assertThrows(IllegalArgumentException.class, () -> CompactRecords.decode(tampered));
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

    /** Builds records with seeded random component values, following the components' declared types. */
    private static final class RandomRecords extends Random {
        private static final long serialVersionUID = 1L;

        RandomRecords(long seed) {
            super(seed);
        }

        boolean bool() {
            return nextBoolean();
        }

        String string() {
            int n = nextInt(12);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                int kind = nextInt(4);
                sb.appendCodePoint(kind == 0 ? 0x1F4DA : kind == 1 ? 0xE9 + nextInt(40) : 'a' + nextInt(26));
            }
            return sb.toString();
        }

        Object record(Class<?> type, int depth) {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] args = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = value(components[i].getGenericType(), depth + 1);
            }
            try {
                Constructor<?> c = type.getDeclaredConstructor(types);
                c.setAccessible(true);
                return c.newInstance(args);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot build " + type + " from " + Arrays.toString(args), e);
            }
        }

        Object value(Type type, int depth) {
            Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
            Type[] args = type instanceof ParameterizedType p ? p.getActualTypeArguments() : new Type[0];
            if (raw == long.class || raw == Long.class) {
                return nextBoolean() ? (long) nextInt(1000) : nextLong();
            } else if (raw == int.class || raw == Integer.class) {
                return nextInt(2000) - 1000;
            } else if (raw == boolean.class || raw == Boolean.class) {
                return nextBoolean();
            } else if (raw == String.class) {
                return nextInt(5) == 0 ? null : string();
            } else if (raw == Instant.class) {
                return Instant.ofEpochSecond(1_600_000_000L + nextInt(200_000_000), nextInt(1_000_000_000));
            } else if (raw == java.time.Duration.class) {
                return java.time.Duration.ofSeconds(nextInt(1_000_000), nextInt(1_000_000_000));
            } else if (raw == LocalDate.class) {
                return LocalDate.ofEpochDay(15_000 + nextInt(20_000));
            } else if (raw == BigDecimal.class) {
                return BigDecimal.valueOf(nextLong() % 10_000_000, nextInt(4));
            } else if (raw == Currency.class) {
                return Currency.getInstance(nextBoolean() ? "EUR" : "USD");
            } else if (raw == Money.class) {
                return new Money(BigDecimal.valueOf(nextInt(100_000) - 50_000, 2), Currency.getInstance(nextBoolean() ? "EUR" : "GBP"));
            } else if (raw.isEnum()) {
                Object[] constants = raw.getEnumConstants();
                return constants[nextInt(constants.length)];
            } else if (raw.isRecord()) {
                return depth > 6 ? null : record(raw, depth);
            } else if (raw == List.class) {
                List<Object> list = new ArrayList<>();
                for (int i = nextInt(depth > 4 ? 1 : 4); i > 0; i--) {
                    list.add(value(args[0], depth + 1));
                }
                return List.copyOf(list);
            } else if (raw == Set.class) {
                Set<Object> set = new LinkedHashSet<>();
                for (int i = nextInt(4); i > 0; i--) {
                    set.add(value(args[0], depth + 1));
                }
                return set;
            } else if (raw == Map.class) {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = nextInt(3); i > 0; i--) {
                    map.put(value(args[0], depth + 1), value(args[1], depth + 1));
                }
                return map;
            } else if (raw == java.io.Serializable.class || raw == Object.class) {
                return nextBoolean() ? null : record(Views.LibraryView.class, depth);
            }
            throw new IllegalStateException("no generator for " + type);
        }
    }
}
