package dev.switchboard.router.pipeline;

/** Every guarantee of {@link RouterCorePipelineTest}, with the three stages on one thread. */
class FusedRouterCorePipelineTest extends RouterCorePipelineTest {
  @Override
  StageLayout layout() {
    return StageLayout.FUSED;
  }
}
