package io.grizz.load.cli;

import io.grizz.load.workload.EventOrder;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --order shuffled} or {@code --order round-robin}. */
public final class EventOrderConverter implements ITypeConverter<EventOrder> {

    @Override
    public EventOrder convert(String value) {
        try {
            return EventOrder.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
