package org.rl3spark.jobs.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a record component: a setting that changes how a run is kept, extended or reported (its name,
 * length, checkpoints, evaluations, where it is shipped), not what any of its iterations trains, so
 * it is left out of the run's canonical settings ({@link CanonicalSettings}) and of its config
 * hash.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Bookkeeping {

  /**
   * For a component whose type is a record: the components of that record that are bookkeeping
   * (e.g. {@code iterations} of the PPO settings); empty = the whole component.
   */
  String[] value() default {};
}
