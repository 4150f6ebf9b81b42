package org.rl3spark.jobs.train;

import java.io.ByteArrayInputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a JVM started with {@code -Djdk.serialFilter}: prints the JVM-wide filter, then
 * deserialises each file given and prints {@code accepted <class>} or {@code rejected: <message>}
 * (KilledTrainingTest, R14).
 */
public final class SerialFilterProbe {

  private SerialFilterProbe() {}

  /** Entry point: the files of serialised objects to read. */
  public static void main(String[] args) throws Exception {
    ObjectInputFilter f = ObjectInputFilter.Config.getSerialFilter();
    System.out.println("filter " + (f == null ? "none" : f));
    for (String a : args) {
      try (ObjectInputStream in =
          new ObjectInputStream(new ByteArrayInputStream(Files.readAllBytes(Path.of(a))))) {
        System.out.println("accepted " + in.readObject().getClass().getName());
      } catch (InvalidClassException e) {
        System.out.println("rejected: " + e.getMessage());
      }
    }
  }
}
