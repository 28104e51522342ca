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
}
