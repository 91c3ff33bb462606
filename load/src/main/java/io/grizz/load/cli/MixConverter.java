package io.grizz.load.cli;

import io.grizz.load.workload.EventMix;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --mix 70,25,5} or {@code --mix created=70,updated=25,deleted=5}. */
public final class MixConverter implements ITypeConverter<EventMix> {

    @Override
    public EventMix convert(String value) {
        try {
            return EventMix.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
