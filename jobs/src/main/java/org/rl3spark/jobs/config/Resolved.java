package org.rl3spark.jobs.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a record component that is not read from its key by {@link RecordBinder} but resolved
 * afterwards from its block and other settings (e.g. the VAMDP of a training run, which starts from
 * its family's defaults): the binder passes null and the block's reader replaces it ({@link
 * RecordBinder#with}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Resolved {}
