package org.rl3spark.jobs.publish;

import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.types.StructType;

/**
 * What a reader requires of a dataset.
 *
 * @param schema the required columns and their types (nullability is checked by counting nulls)
 * @param keys columns whose combination must be unique
 */
public record ExpectedSchema(StructType schema, List<String> keys) {

  /** Validates that the keys are columns of the schema. */
  public ExpectedSchema {
    Objects.requireNonNull(schema, "schema");
    keys = List.copyOf(keys);
    List<String> names = List.of(schema.fieldNames());
    for (String k : keys) {
      if (!names.contains(k)) {
        throw new IllegalArgumentException("key column " + k + " is not in the schema");
      }
    }
  }
}
