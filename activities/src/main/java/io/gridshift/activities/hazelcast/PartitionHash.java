package io.gridshift.activities.hazelcast;

import com.hazelcast.internal.serialization.Data;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * An order-free digest of one partition's entries as stored: the count and the sum of each entry's
 * 64-bit hash of key and value bytes. Two partitions with the same entries hash the same whatever
 * order a member returns them in; a missing, extra or changed entry changes it.
 *
 * @param entries how many entries
 * @param sum the sum of every entry's hash
 */
record PartitionHash(long entries, long sum) {

  static PartitionHash of(List<Map.Entry<Data, Data>> entries) {
    long sum = 0;
    for (Map.Entry<Data, Data> e : entries) {
      sum += entryHash(e.getKey().toByteArray(), e.getValue().toByteArray());
    }
    return new PartitionHash(entries.size(), sum);
  }

  /** Key and value each in 32 bits, so a value moved to another key still differs. */
  static long entryHash(byte[] key, byte[] value) {
    CRC32C crc = new CRC32C();
    crc.update(key);
    long k = crc.getValue();
    crc.update(value);
    return (k << 32) ^ crc.getValue();
  }
}
