package dev.consentflow.console.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks the console's HTML controllers: they get the page frame's model and errors as pages, not JSON. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface ConsolePage {
}
