package org.stackbridge.core.port;

import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.Item;

public interface Items {
    Optional<Item> byBarcode(String barcode);

    Optional<Item> byId(long id);

    List<Item> byBib(long bibId);

    Item insert(Item item);

    void update(Item item);

    void delete(long itemId);

    List<Item> page(long afterId, int limit);

    /**
     * Items with the status, in id order after {@code afterId}: the hold shelf and the items in transit. The default
     * scans every item; stores should override it with an indexed query.
     */
    default List<Item> withStatus(org.stackbridge.core.model.ItemStatus status, long afterId, int limit) {
        List<Item> found = new java.util.ArrayList<>();
        long after = afterId;
        while (found.size() < limit) {
            List<Item> page = page(after, 500);
            for (Item i : page) {
                if (i.status() == status && found.size() < limit) {
                    found.add(i);
                }
            }
            if (page.size() < 500) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }
        return found;
    }
}
