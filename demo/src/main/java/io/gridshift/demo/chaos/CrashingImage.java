package io.gridshift.demo.chaos;

import io.gridshift.sandbox.Sandbox;
import io.gridshift.sandbox.kube.CrashImages;

/**
 * A crash-loop run's target image, listed in the sandbox's crash fixture ({@link CrashImages}) for
 * the length of the run: its containers exit at start, so the version stays valid for the plan and
 * only its pods fail. Closing takes it off the list, so the lane's next runs start it normally.
 */
final class CrashingImage implements AutoCloseable {
  private final CrashImages fixture;
  private final String image;

  private CrashingImage(CrashImages fixture, String image) {
    this.fixture = fixture;
    this.image = image;
  }

  static CrashingImage add(Sandbox sandbox, String image) {
    CrashImages fixture = sandbox.crashImages();
    fixture.add(image);
    return new CrashingImage(fixture, image);
  }

  String image() {
    return image;
  }

  @Override
  public void close() {
    fixture.remove(image);
  }
}
