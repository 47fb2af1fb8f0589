package dev.lockstep.sim.config;

/**
 * Range checks for the compact constructors of configuration records. Each names the field; when the
 * record is read by {@link ConfigReader}, the field's outer path and the file location are added.
 */
public final class Check {
    private Check() {
    }

    public static long range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ConfigException(field, "value " + value + " is out of range, allowed " + min + ".." + max);
        }
        return value;
    }

    public static int range(String field, int value, int min, int max) {
        return (int) range(field, (long) value, min, max);
    }

    public static String notBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(field, "value '" + value + "' is blank, allowed a non-empty string");
        }
        return value;
    }

    public static <T> T present(String field, T value) {
        if (value == null) {
            throw new ConfigException(field, "missing, a value is required");
        }
        return value;
    }
}
