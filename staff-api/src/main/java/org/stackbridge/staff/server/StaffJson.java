package org.stackbridge.staff.server;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.ws.rs.ext.ContextResolver;
import java.io.IOException;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.outcome.Views;

/**
 * The API's JSON: snake_case names (as Koha's REST API), ISO-8601 times, money as
 * {@code {"amount":"1.25","currency":"USD"}}. Reading is strict: an unknown field, or a number where a string
 * belongs, is an error that names the field.
 */
public final class StaffJson implements ContextResolver<ObjectMapper> {

    private final ObjectMapper mapper = mapper();

    public static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper();
        m.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        m.registerModule(new JavaTimeModule());
        m.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        SimpleModule money = new SimpleModule("stackbridge-money");
        money.addSerializer(Money.class, new MoneySerializer());
        m.registerModule(money);
        // the engine's PIN check is meaningless for staff, who never send a PIN
        m.addMixIn(Views.PatronInfo.class, PatronInfoMixin.class);
        return m;
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return mapper;
    }

    @JsonIgnoreProperties({"pin"})
    private abstract static class PatronInfoMixin {
    }

    private static final class MoneySerializer extends StdSerializer<Money> {
        private static final long serialVersionUID = 1L;

        MoneySerializer() {
            super(Money.class);
        }

        @Override
        public void serialize(Money value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            gen.writeStringField("amount", value.amount().toPlainString());
            gen.writeStringField("currency", value.currency().getCurrencyCode());
            gen.writeEndObject();
        }
    }
}
