package dev.assay.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Creates commands and mixins for picocli, handing the {@link CliEnvironment} to every class that takes one
 * in its constructor; everything else comes from picocli's default factory.
 */
final class CommandFactory implements CommandLine.IFactory {
  private final CliEnvironment environment;

  CommandFactory(CliEnvironment environment) {
    if (environment == null) {
      throw new NullPointerException("environment is required");
    }
    this.environment = environment;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    Constructor<K> constructor;
    try {
      constructor = cls.getDeclaredConstructor(CliEnvironment.class);
    } catch (NoSuchMethodException noEnvironment) {
      return CommandLine.defaultFactory().create(cls);
    }
    constructor.setAccessible(true);
    return constructor.newInstance(environment);
  }
}
