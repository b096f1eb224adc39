package dev.visualsearch.cli;

import dev.visualsearch.Metric;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a metric name in any case: {@code cosine}, {@code l2}, {@code inner_product}. */
final class MetricConverter implements ITypeConverter<Metric> {
  @Override
  public Metric convert(String value) {
    try {
      return Metric.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a metric; use one of "
              + Arrays.toString(Metric.values()).toLowerCase(Locale.ROOT));
    }
  }
}
