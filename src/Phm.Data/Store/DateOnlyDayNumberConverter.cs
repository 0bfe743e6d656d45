using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Phm.Data.Store;

/// <summary>Stores a <see cref="DateOnly"/> as its day number, which keeps ordering and range comparisons in SQL.</summary>
public sealed class DateOnlyDayNumberConverter()
    : ValueConverter<DateOnly, int>(date => date.DayNumber, dayNumber => DateOnly.FromDayNumber(dayNumber));
