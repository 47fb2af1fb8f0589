package dev.lockstep.sim.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component that may be left out of a configuration file: the record's constructor
 * then receives null (or 0 / false) and supplies the default itself. Every other component is
 * required, so nothing is defaulted unless the record says so.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface Defaulted {
}
