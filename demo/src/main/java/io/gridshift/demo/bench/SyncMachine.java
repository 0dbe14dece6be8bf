package io.gridshift.demo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the benchmark ran on, and the CPU its server processes used (Linux {@code /proc}). */
final class SyncMachine {
  /** {@code USER_HZ}: clock ticks per second of {@code /proc/<pid>/stat}, 100 on Linux. */
  private static final double TICKS = 100.0;

  private SyncMachine() {}

  static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** E.g. {@code nproc=2 memory=23.5GiB java=17.0.12 (Eclipse Adoptium) os=Linux 6.1 amd64}. */
  static String describe() {
    return String.format(
        Locale.ROOT,
        "nproc=%d memory=%s java=%s (%s) os=%s %s %s",
        cores(),
        memTotal(),
        System.getProperty("java.version"),
        System.getProperty("java.vendor"),
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        System.getProperty("os.arch"));
  }

  private static String memTotal() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return String.format(Locale.ROOT, "%.1fGiB", kib / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: say so below
    }
    return "unknown";
  }

  /** One-minute load average, or -1 when {@code /proc/loadavg} cannot be read. */
  static double load1() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Busy and total CPU ticks of the whole machine so far ({@code /proc/stat}, all cores; idle and
   * iowait count as not busy); {0, 0} when unknown. Shows how much else ran during a sync.
   */
  static long[] machineTicks() {
    try {
      return parseMachineTicks(Files.readAllLines(Path.of("/proc/stat")).get(0));
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }

  /** {busy, total} of the {@code cpu} line of {@code /proc/stat}. */
  static long[] parseMachineTicks(String cpuLine) {
    String[] fields = cpuLine.trim().split("\\s+");
    long total = 0;
    // user nice system idle iowait irq softirq steal (guest time is already in user)
    for (int i = 1; i <= Math.min(8, fields.length - 1); i++) {
      total += Long.parseLong(fields[i]);
    }
    long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
    return new long[] {total - idle, total};
  }

  /** User plus system CPU seconds process {@code pid} has used so far; 0 when unknown. */
  static double cpuSeconds(long pid) {
    try {
      return parseCpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))) / TICKS;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** utime + stime (fields 14 and 15) of a {@code /proc/<pid>/stat} line. */
  static long parseCpuTicks(String stat) {
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
