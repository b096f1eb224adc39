package dev.visualsearch.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThumbnailCacheTest {

  @Test
  void theLeastRecentlyUsedThumbnailsGoOnceTheBytesPassTheBudget() {
    ThumbnailCache cache = new ThumbnailCache(100);
    cache.put("a", new byte[40]);
    cache.put("b", new byte[40]);
    assertThat(cache.get("a")).hasSize(40); // a is now the most recently used
    cache.put("c", new byte[40]);
    assertThat(cache.get("b")).isNull();
    assertThat(cache.get("a")).isNotNull();
    assertThat(cache.get("c")).isNotNull();
    assertThat(cache.bytes()).isEqualTo(80);

    cache.put("a", new byte[10]); // a replaced: its old bytes no longer count
    assertThat(cache.bytes()).isEqualTo(50);
    cache.put("huge", new byte[101]); // larger than the whole budget: not kept, nothing evicted
    assertThat(cache.get("huge")).isNull();
    assertThat(cache.size()).isEqualTo(2);
  }
}
