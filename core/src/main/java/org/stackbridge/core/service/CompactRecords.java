package org.stackbridge.core.service;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compact binary form for our own value records (stored outcomes of keyed requests). Java serialization
 * spent most of a command's engine time writing class descriptors, and deflating its 2.2 KB cost more; this
 * writes a checkout's outcome in a few hundred bytes at a fraction of the CPU.
 *
 * <p>Each record class is written once per value as its name (within {@code org.stackbridge.core}) plus a hash of its component names and types;
 * reading refuses a class whose shape changed (a stored outcome from an older release then fails safely
 * instead of being misread) and any class outside {@code org.stackbridge.core} that is not a record or enum.
 * A value of a type not listed here makes {@link #encode} throw {@link Unsupported}; the caller then falls
 * back to Java serialization.
 *
 * <p>Longer than our usual 400 lines on purpose: the writer and the reader are the two halves of one wire
 * format and share its private tag table and shape hash; kept in one file, a change to a tag cannot reach one
 * half without the other, and nothing outside this class can write a tag at all.
 */
final class CompactRecords {

    /** First byte of the compact form; Java serialization starts with 0xAC, deflated with 'Z'. */
    static final byte MARKER = 'R';
    private static final int MAX_DEPTH = 32;
    private static final String ALLOWED_PACKAGE = "org.stackbridge.core.";

    private static final byte NULL = 0;
    private static final byte TRUE = 1;
    private static final byte FALSE = 2;
    private static final byte INT = 3;
    private static final byte LONG = 4;
    private static final byte STRING = 5;
    private static final byte INSTANT = 6;
    private static final byte LOCAL_DATE = 7;
    private static final byte DECIMAL = 8;
    private static final byte CURRENCY = 9;
    private static final byte ENUM = 10;
    private static final byte RECORD = 11;
    private static final byte LIST = 12;
    private static final byte SET = 13;
    private static final byte MAP = 14;
    private static final byte DURATION = 15;

    private CompactRecords() {
    }

    /** The type of a value this form cannot write. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    static byte[] encode(Object value) {
        Writer w = new Writer();
        w.out.write(MARKER);
        w.value(value, 0);
        return w.out.toByteArray();
    }

    static Object decode(byte[] data) {
        if (data.length == 0 || data[0] != MARKER) {
            throw new IllegalArgumentException("not a compact record");
        }
        Reader r = new Reader(data);
        r.pos = 1;
        Object value = r.value(0);
        if (r.pos != data.length) {
            throw new IllegalArgumentException("trailing bytes in compact record");
        }
        return value;
    }

    // ------------------------------------------------------------------ shapes

    /** A record class's accessors, canonical constructor and shape hash, computed once per class. */
    private static final class Shape {
        final Method[] accessors;
        final Constructor<?> constructor;
        final int hash;

        Shape(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            accessors = new Method[components.length];
            Class<?>[] types = new Class<?>[components.length];
            int h = 17;
            for (int i = 0; i < components.length; i++) {
                accessors[i] = components[i].getAccessor();
                accessors[i].setAccessible(true);
                types[i] = components[i].getType();
                h = 31 * h + components[i].getName().hashCode();
                h = 31 * h + types[i].getName().hashCode();
            }
            hash = h;
            try {
                constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("record without canonical constructor: " + type, e);
            }
        }
    }

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return new Shape(type);
        }
    };

    // ------------------------------------------------------------------ writing

    private static final class Writer {
        final Bytes out = new Bytes(512);
        /** Classes already written in this value, by index. */
        final Map<Class<?>, Integer> classes = new HashMap<>();

        void value(Object v, int depth) {
            if (depth > MAX_DEPTH) {
                throw new Unsupported("nested too deeply");
            }
            if (v == null) {
                out.write(NULL);
            } else if (v instanceof String s) {
                out.write(STRING);
                string(s);
            } else if (v instanceof Long l) {
                out.write(LONG);
                out.varLong(zigzag(l));
            } else if (v instanceof Integer i) {
                out.write(INT);
                out.varLong(zigzag(i));
            } else if (v instanceof Boolean b) {
                out.write(b ? TRUE : FALSE);
            } else if (v instanceof Instant t) {
                out.write(INSTANT);
                out.varLong(zigzag(t.getEpochSecond()));
                out.varLong(t.getNano());
            } else if (v instanceof java.time.Duration d) {
                out.write(DURATION);
                out.varLong(zigzag(d.getSeconds()));
                out.varLong(d.getNano());
            } else if (v instanceof LocalDate d) {
                out.write(LOCAL_DATE);
                out.varLong(zigzag(d.toEpochDay()));
            } else if (v instanceof BigDecimal d) {
                out.write(DECIMAL);
                out.varLong(zigzag(d.scale()));
                byte[] unscaled = d.unscaledValue().toByteArray();
                out.varLong(unscaled.length);
                out.write(unscaled, 0, unscaled.length);
            } else if (v instanceof Currency c) {
                out.write(CURRENCY);
                string(c.getCurrencyCode());
            } else if (v instanceof Enum<?> e) {
                out.write(ENUM);
                classRef(e.getDeclaringClass(), 0);
                string(e.name());
            } else if (v instanceof Record rec) {
                Class<?> type = rec.getClass();
                Shape shape = SHAPES.get(type);
                out.write(RECORD);
                classRef(type, shape.hash);
                for (Method accessor : shape.accessors) {
                    value(get(accessor, rec), depth + 1);
                }
            } else if (v instanceof List<?> list) {
                out.write(LIST);
                out.varLong(list.size());
                for (Object o : list) {
                    value(o, depth + 1);
                }
            } else if (v instanceof Set<?> set) {
                out.write(SET);
                out.varLong(set.size());
                for (Object o : set) {
                    value(o, depth + 1);
                }
            } else if (v instanceof Map<?, ?> map) {
                out.write(MAP);
                out.varLong(map.size());
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    value(e.getKey(), depth + 1);
                    value(e.getValue(), depth + 1);
                }
            } else {
                throw new Unsupported(v.getClass().getName());
            }
        }

        private void classRef(Class<?> type, int hash) {
            if (!type.getName().startsWith(ALLOWED_PACKAGE)) {
                throw new Unsupported(type.getName());
            }
            Integer known = classes.get(type);
            if (known != null) {
                out.varLong(known + 1L);
                return;
            }
            classes.put(type, classes.size());
            out.varLong(0);
            // relative to the one package allowed
            string(type.getName().substring(ALLOWED_PACKAGE.length()));
            out.varLong(hash & 0xFFFFFFFFL);
        }

        private void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.varLong(b.length);
            out.write(b, 0, b.length);
        }

        private static Object get(Method accessor, Record rec) {
            try {
                return accessor.invoke(rec);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + accessor, e);
            }
        }
    }

    // ------------------------------------------------------------------ reading

    private static final class Reader {
        final byte[] in;
        int pos;
        final List<Class<?>> classes = new ArrayList<>();

        Reader(byte[] in) {
            this.in = in;
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw new IllegalArgumentException("nested too deeply");
            }
            byte tag = next();
            switch (tag) {
                case NULL:
                    return null;
                case TRUE:
                    return Boolean.TRUE;
                case FALSE:
                    return Boolean.FALSE;
                case INT:
                    return Math.toIntExact(unzigzag(varLong()));
                case LONG:
                    return unzigzag(varLong());
                case STRING:
                    return string();
                case INSTANT: {
                    long seconds = unzigzag(varLong());
                    return Instant.ofEpochSecond(seconds, varLong());
                }
                case DURATION: {
                    long seconds = unzigzag(varLong());
                    return java.time.Duration.ofSeconds(seconds, varLong());
                }
                case LOCAL_DATE:
                    return LocalDate.ofEpochDay(unzigzag(varLong()));
                case DECIMAL: {
                    int scale = Math.toIntExact(unzigzag(varLong()));
                    return new BigDecimal(new BigInteger(bytes(length())), scale);
                }
                case CURRENCY:
                    return Currency.getInstance(string());
                case ENUM:
                    return enumValue(classRef(false), string());
                case RECORD:
                    return record(classRef(true), depth);
                case LIST: {
                    int n = length();
                    List<Object> list = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        list.add(value(depth + 1));
                    }
                    return Collections.unmodifiableList(list);
                }
                case SET: {
                    int n = length();
                    Set<Object> set = new LinkedHashSet<>();
                    for (int i = 0; i < n; i++) {
                        set.add(value(depth + 1));
                    }
                    return Collections.unmodifiableSet(set);
                }
                case MAP: {
                    int n = length();
                    Map<Object, Object> map = new LinkedHashMap<>();
                    for (int i = 0; i < n; i++) {
                        map.put(value(depth + 1), value(depth + 1));
                    }
                    return Collections.unmodifiableMap(map);
                }
                default:
                    throw new IllegalArgumentException("unknown tag " + tag + " at " + (pos - 1));
            }
        }

        private Object record(Class<?> type, int depth) {
            Shape shape = SHAPES.get(type);
            Object[] args = new Object[shape.accessors.length];
            for (int i = 0; i < args.length; i++) {
                args[i] = value(depth + 1);
            }
            try {
                return shape.constructor.newInstance(args);
            } catch (InstantiationException | IllegalAccessException | InvocationTargetException | IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot rebuild " + type.getName() + " from " + Arrays.toString(args), e);
            }
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Object enumValue(Class<?> type, String name) {
            return Enum.valueOf((Class) type, name);
        }

        private Class<?> classRef(boolean record) {
            long ref = varLong();
            if (ref > 0) {
                if (ref > classes.size()) {
                    throw new IllegalArgumentException("bad class reference " + ref);
                }
                Class<?> type = classes.get((int) ref - 1);
                if (type.isRecord() != record) {
                    throw new IllegalArgumentException("class reference of the wrong kind: " + type.getName());
                }
                return type;
            }
            String name = ALLOWED_PACKAGE + string();
            int hash = (int) varLong();
            Class<?> type;
            try {
                // not initialised here: nothing of an unexpected class runs before it is checked
                type = Class.forName(name, false, CompactRecords.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("unknown class " + name, e);
            }
            if (record ? !type.isRecord() : !type.isEnum()) {
                throw new IllegalArgumentException("class not allowed: " + name);
            }
            if (record && SHAPES.get(type).hash != hash) {
                throw new IllegalArgumentException("record " + name + " changed shape since it was stored");
            }
            classes.add(type);
            return type;
        }

        private byte next() {
            if (pos >= in.length) {
                throw new IllegalArgumentException("truncated compact record");
            }
            return in[pos++];
        }

        private long varLong() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = next();
                result |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return result;
                }
            }
            throw new IllegalArgumentException("malformed varint");
        }

        private int length() {
            long n = varLong();
            if (n < 0 || n > in.length - pos) {
                throw new IllegalArgumentException("length " + n + " exceeds the data");
            }
            return (int) n;
        }

        private byte[] bytes(int n) {
            byte[] b = Arrays.copyOfRange(in, pos, pos + n);
            pos += n;
            return b;
        }

        private String string() {
            int n = length();
            String s = new String(in, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    /** A growable byte buffer without ByteArrayOutputStream's synchronisation. */
    private static final class Bytes {
        byte[] buf;
        int size;

        Bytes(int capacity) {
            buf = new byte[capacity];
        }

        void write(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        void varLong(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[size++] = (byte) v;
        }

        private void ensure(int n) {
            if (size + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
    }
}
