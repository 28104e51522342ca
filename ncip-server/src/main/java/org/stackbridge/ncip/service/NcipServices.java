package org.stackbridge.ncip.service;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stackbridge.ncip.binding.v2.Ext;
import org.stackbridge.ncip.binding.v2.NCIPMessage;

/**
 * The registered NCIP services by name, built once; the supported-service list LookupVersion answers with is
 * read from here, so it cannot drift from what is served. A message is routed by the name of the service
 * element it carries.
 */
final class NcipServices {

    /** NCIPMessage's element fields (service requests, responses, Problem), in the binding's order. */
    private static final List<Field> ELEMENTS = elementFields();

    private final List<NcipService<?, ?>> ordered;
    private final List<String> names;

    /** @throws IllegalStateException if two services share a name or a name is no NCIPMessage element */
    NcipServices(List<NcipService<?, ?>> services) {
        Map<String, NcipService<?, ?>> map = new LinkedHashMap<>();
        List<String> elements = ELEMENTS.stream().map(f -> f.getType().getSimpleName()).toList();
        for (NcipService<?, ?> s : services) {
            NcipService<?, ?> before = map.putIfAbsent(s.name(), s);
            if (before != null) {
                throw new IllegalStateException("two NCIP services named " + s.name() + ": " + before.getClass().getName()
                        + " and " + s.getClass().getName());
            }
            if (!elements.contains(s.name())) {
                throw new IllegalStateException("NCIP service " + s.name() + " names no NCIPMessage element");
            }
        }
        this.ordered = List.copyOf(map.values());
        this.names = List.copyOf(map.keySet());
    }

    /** The registered services' names, in registration order. */
    List<String> names() {
        return names;
    }

    /**
     * The service for the service element in {@code m}; if a (schema-invalid) message carries several that we
     * serve, the one registered first wins. Empty if we serve none of them. Asks each registered service's own
     * getter, in registration order: no reflection per message.
     */
    Optional<NcipService<?, ?>> serviceFor(NCIPMessage m) {
        for (NcipService<?, ?> s : ordered) {
            if (s.requestOf(m) != null) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * The name of the first element present in {@code m}, for the error message only: a service element, else the
     * first element inside a message-level {@code Ext} (a vendor service such as WorldShare's RenewAll); null if none.
     */
    static String firstElement(NCIPMessage m) {
        List<String> present = presentElements(m);
        if (!present.isEmpty()) {
            return present.get(0);
        }
        if (m.getExt() != null) {
            for (Object o : m.getExt().getAny()) {
                if (o instanceof org.w3c.dom.Element e) {
                    return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
                }
                if (o instanceof jakarta.xml.bind.JAXBElement<?> j) {
                    return j.getName().getLocalPart();
                }
                if (o != null) {
                    return o.getClass().getSimpleName();
                }
            }
        }
        return null;
    }

    private static List<String> presentElements(NCIPMessage m) {
        List<String> present = new ArrayList<>(1);
        for (Field f : ELEMENTS) {
            try {
                if (f.get(m) != null) {
                    present.add(f.getType().getSimpleName());
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return present;
    }

    private static List<Field> elementFields() {
        List<Field> fields = new ArrayList<>();
        for (Field f : NCIPMessage.class.getDeclaredFields()) {
            if (f.getType().getPackage() == NCIPMessage.class.getPackage() && f.getType() != Ext.class) {
                f.setAccessible(true);
                fields.add(f);
            }
        }
        return List.copyOf(fields);
    }
}
