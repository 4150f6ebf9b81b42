package org.rl3spark.envs.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/** Java serialisation round trips: what shipping an object to a Spark executor does to it. */
public final class Serialization {

  private Serialization() {}

  /** A copy of {@code object} made by ObjectOutputStream and read back by ObjectInputStream. */
  @SuppressWarnings("unchecked")
  public static <T> T roundTrip(T object) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
