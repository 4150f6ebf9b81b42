package org.rl3spark.jobs.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a record component whose type is a record: {@link RecordBinder} reads that record's components
 * from the enclosing block rather than from a nested one, so its settings are flat keys of the
 * block ({@code train.envs} rather than {@code train.ppo.envs}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Inline {}
