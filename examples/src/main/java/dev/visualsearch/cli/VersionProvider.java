package dev.visualsearch.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = VisualSearchCli.class.getPackage().getImplementationVersion();
    return new String[] {"visualsearch " + (version != null ? version : "development")};
  }
}
