package io.gridshift.activities.hazelcast;

import com.hazelcast.client.impl.clientside.HazelcastClientInstanceImpl;
import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.client.impl.protocol.ClientMessage;
import com.hazelcast.client.impl.protocol.codec.MapDeleteCodec;
import com.hazelcast.client.impl.protocol.codec.MapEventJournalReadCodec;
import com.hazelcast.client.impl.protocol.codec.MapEventJournalSubscribeCodec;
import com.hazelcast.client.impl.protocol.codec.MapFetchEntriesCodec;
import com.hazelcast.client.impl.protocol.codec.MapPutAllCodec;
import com.hazelcast.client.impl.protocol.codec.MapSetCodec;
import com.hazelcast.client.impl.spi.impl.ClientInvocation;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.map.impl.journal.InternalEventJournalMapEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * A Hazelcast map's entries and event journal as the members store them (binary {@link Data}),
 * through one client's protocol codecs: what the public API offers only deserialized, which would
 * need the application's classes and cost a round trip through objects. A key's partition is the
 * same in every 5.x cluster with the same partition count (the hash of its binary form), so a
 * partition read from one cluster is written to the same partition of another.
 */
final class RawMaps {
  /** Entries per fetch and per putAll: large enough to amortise a round trip, small on the heap. */
  static final int PAGE = 1000;

  /** A partition's iteration starts here (as the client's own partition iterator does). */
  private static final List<Map.Entry<Integer, Integer>> START =
      List.of(Map.entry(Integer.MAX_VALUE, -1));

  private final HazelcastInstance instance;
  private final HazelcastClientInstanceImpl client;

  RawMaps(HazelcastInstance instance) {
    this.instance = instance;
    this.client = ((HazelcastClientProxy) instance).client;
  }

  /** The map's entry count. */
  long size(String map) {
    return instance.getMap(map).size();
  }

  int partitionCount() {
    return client.getClientPartitionService().getPartitionCount();
  }

  /** One page of a partition's entries and where the next page starts. */
  record Page(List<Map.Entry<Data, Data>> entries, List<Map.Entry<Integer, Integer>> next) {
    boolean last() {
      return next.isEmpty() || next.get(next.size() - 1).getKey() < 0;
    }
  }

  /** Every entry of one partition, page by page to {@code each}. */
  void forEachPage(
      String map, int partition, java.util.function.Consumer<List<Map.Entry<Data, Data>>> each) {
    List<Map.Entry<Integer, Integer>> pointers = START;
    while (true) {
      ClientMessage response =
          invoke(MapFetchEntriesCodec.encodeRequest(map, pointers, PAGE), map, partition);
      MapFetchEntriesCodec.ResponseParameters page = MapFetchEntriesCodec.decodeResponse(response);
      Page p = new Page(page.entries, page.iterationPointers);
      if (!p.entries().isEmpty()) {
        each.accept(p.entries());
      }
      if (p.last()) {
        return;
      }
      pointers = p.next();
    }
  }

  /** Every entry of one partition, in one list. */
  List<Map.Entry<Data, Data>> entries(String map, int partition) {
    List<Map.Entry<Data, Data>> all = new ArrayList<>();
    forEachPage(map, partition, all::addAll);
    return all;
  }

  void putAll(String map, int partition, List<Map.Entry<Data, Data>> entries) {
    invoke(MapPutAllCodec.encodeRequest(map, entries, false), map, partition);
  }

  /** Sets {@code key} (no TTL beyond the map's own), as the journal event did on the source. */
  void set(String map, Data key, Data value) {
    invoke(MapSetCodec.encodeRequest(map, key, value, 0L, -1L), map, partitionOf(key));
  }

  void delete(String map, Data key) {
    invoke(MapDeleteCodec.encodeRequest(map, key, 0L), map, partitionOf(key));
  }

  /** The oldest and newest sequence held in the partition's journal (newest -1 when empty). */
  long[] journalBounds(String map, int partition) {
    MapEventJournalSubscribeCodec.ResponseParameters r =
        MapEventJournalSubscribeCodec.decodeResponse(
            invoke(MapEventJournalSubscribeCodec.encodeRequest(map), map, partition));
    return new long[] {r.oldestSequence, r.newestSequence};
  }

  /** Journal events of one partition from {@code from}, at most {@code max}, without waiting. */
  JournalPage readJournal(String map, int partition, long from, int max) {
    MapEventJournalReadCodec.ResponseParameters r =
        MapEventJournalReadCodec.decodeResponse(
            invoke(
                MapEventJournalReadCodec.encodeRequest(map, from, 0, max, null, null),
                map,
                partition));
    List<InternalEventJournalMapEvent> events = new ArrayList<>(r.items.size());
    for (Data item : r.items) {
      events.add(client.getSerializationService().toObject(item));
    }
    boolean none = r.itemSeqs == null || r.itemSeqs.length == 0;
    // An empty read answers nextSeq 0 (seen on 5.3.8), not the sequence asked for: following it
    // would read the whole journal again.
    return new JournalPage(events, none ? from : r.itemSeqs[0], none ? from : r.nextSeq);
  }

  /**
   * @param events in journal order
   * @param firstSequence the sequence of the first event (the one asked for unless the journal had
   *     already overwritten it)
   * @param next the sequence to read next
   */
  record JournalPage(List<InternalEventJournalMapEvent> events, long firstSequence, long next) {}

  private int partitionOf(Data key) {
    return client.getClientPartitionService().getPartitionId(key);
  }

  private ClientMessage invoke(ClientMessage request, String map, int partition) {
    try {
      return new ClientInvocation(client, request, map, partition).invoke().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling map " + map, e);
    } catch (ExecutionException e) {
      // Hazelcast's own exception types say what went wrong (e.g. UnsupportedOperationException
      // for a map without an event journal): keep them.
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(
          "map " + map + " partition " + partition + ": " + e.getCause().getMessage(),
          e.getCause());
    }
  }
}
