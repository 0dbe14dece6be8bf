package io.gridshift.demo.bench;

import io.temporal.client.WorkflowClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's worker, started either as its own JVM ({@link FleetScaleWorkerMain}, the default:
 * its heap is measured alone and capped) or inside the driver (for tests: quicker, but its heap
 * then includes the Temporal test server's).
 */
abstract sealed class FleetScaleWorkerHandle implements AutoCloseable {

  /**
   * The heap the worker used at its peak.
   *
   * @param peakMb highest used heap sampled, in MiB
   * @param maxMb the heap it may grow to
   * @param ownJvm false when the figure includes the driver and the Temporal test server
   */
  record Heap(long peakMb, long maxMb, boolean ownJvm) {}

  /** Stops the worker; returns its heap peak. */
  abstract Heap stop() throws IOException, InterruptedException;

  static FleetScaleWorkerHandle start(
      FleetScaleOptions options, WorkflowClient client, String target, Path log)
      throws IOException, InterruptedException {
    return options.separateWorker()
        ? Separate.launch(options, target, log)
        : new InProcess(
            new FleetScaleWorker(client, options.fleet(), options.pace(), options.tuning()));
  }

  /** The worker inside the driver's JVM. */
  static final class InProcess extends FleetScaleWorkerHandle {
    private final FleetScaleWorker worker;
    private final HeapSampler heap = new HeapSampler();
    private boolean stopped;

    InProcess(FleetScaleWorker worker) {
      this.worker = worker;
      worker.start();
    }

    @Override
    Heap stop() {
      Heap peak = new Heap(heap.peakMb(), heap.maxMb(), false);
      close();
      return peak;
    }

    @Override
    public void close() {
      if (!stopped) {
        stopped = true;
        heap.close();
        worker.close();
      }
    }
  }

  /** The worker in its own JVM, same classpath, its stderr into {@code log}. */
  static final class Separate extends FleetScaleWorkerHandle {
    private final Process process;
    private final BufferedReader out;

    private Separate(Process process) {
      this.process = process;
      this.out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static Separate launch(FleetScaleOptions options, String target, Path log) throws IOException {
      FleetScaleWorker.Tuning t = options.tuning();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx" + options.workerHeap());
      command.add("-Dlogback.configurationFile=gridshift-demo-logback.xml");
      command.add("-Dgridshift.log=" + log);
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(FleetScaleWorkerMain.class.getName());
      command.add(target);
      command.add(Integer.toString(options.grids()));
      command.add(Integer.toString(options.clusters()));
      command.add(Integer.toString(options.pace().polls()));
      command.add(Long.toString(options.pace().pollMillis()));
      for (Integer setting :
          new Integer[] {
            t.workflowCacheSize(), t.maxWorkflowTasks(), t.workflowPollers(), t.agentPollers()
          }) {
        command.add(setting == null ? "-" : setting.toString());
      }
      Process process =
          new ProcessBuilder(command)
              .redirectError(
                  ProcessBuilder.Redirect.appendTo(
                      log.resolveSibling(log.getFileName() + ".stderr").toFile()))
              .start();
      Separate worker = new Separate(process);
      String line = worker.out.readLine();
      if (!"READY".equals(line)) {
        worker.close();
        throw new IOException(
            "the worker process did not start (said "
                + line
                + "); see "
                + log
                + " and "
                + log.getFileName()
                + ".stderr beside it");
      }
      return worker;
    }

    @Override
    Heap stop() throws IOException, InterruptedException {
      OutputStream in = process.getOutputStream();
      in.write("stop\n".getBytes(StandardCharsets.UTF_8));
      in.flush();
      String line = out.readLine();
      process.waitFor(30, TimeUnit.SECONDS);
      close();
      if (line == null || !line.startsWith("HEAP ")) {
        throw new IOException(
            "the worker process ended without its heap figures (said " + line + ")");
      }
      String[] figures = line.split(" ");
      return new Heap(Long.parseLong(figures[1]), Long.parseLong(figures[2]), true);
    }

    @Override
    public void close() {
      if (process.isAlive()) {
        process.destroy();
        try {
          if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
          }
        } catch (InterruptedException e) {
          process.destroyForcibly();
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
