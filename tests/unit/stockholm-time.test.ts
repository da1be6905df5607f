import { describe, expect, it } from "vitest";
import {
  dayInstant,
  daysAfter,
  stockholmClock,
  stockholmDate,
  stockholmDayOfWeek,
  stockholmHour,
  stockholmLongDate,
  stockholmTimeOnDay,
  stockholmWeekday,
  stockholmYear,
} from "../../db/domain/stockholm-time";

describe("Stockholm time", () => {
  it("reads the calendar date, year and clock in Stockholm, not UTC", () => {
    // 23:30 UTC on New Year's Eve is already the next year in Stockholm (UTC+1).
    const at = "2025-12-31T23:30:00.000Z";
    expect(stockholmDate(at)).toBe("2026-01-01");
    expect(stockholmYear(at)).toBe(2026);
    expect(stockholmClock(at)).toBe("00:30");
    expect(stockholmLongDate(at)).toBe("1 januari 2026");
    expect(stockholmWeekday(at)).toBe("torsdag");
    expect(stockholmDayOfWeek(at)).toBe(4);
  });

  it("takes a bare date as that Stockholm day (noon UTC)", () => {
    expect(dayInstant("2025-03-14")).toBe("2025-03-14T12:00:00.000Z");
    expect(stockholmDate("2025-03-14")).toBe("2025-03-14");
    expect(stockholmLongDate("2025-03-14")).toBe("14 mars 2025");
  });

  it("turns a wall-clock time on a Stockholm day into the instant, in winter and in summer", () => {
    expect(stockholmTimeOnDay("2025-01-15", "09:00")).toBe("2025-01-15T08:00:00.000Z");
    expect(stockholmTimeOnDay("2025-07-15", "09:00")).toBe("2025-07-15T07:00:00.000Z");
  });

  it("follows the clock changes on the nights they happen", () => {
    // 30 March 2025: 02:00 CET becomes 03:00 CEST.
    expect(stockholmTimeOnDay("2025-03-30", "01:30")).toBe("2025-03-30T00:30:00.000Z");
    expect(stockholmTimeOnDay("2025-03-30", "03:30")).toBe("2025-03-30T01:30:00.000Z");
    // 26 October 2025: 03:00 CEST becomes 02:00 CET.
    expect(stockholmTimeOnDay("2025-10-26", "01:30")).toBe("2025-10-25T23:30:00.000Z");
    expect(stockholmTimeOnDay("2025-10-26", "04:00")).toBe("2025-10-26T03:00:00.000Z");
  });

  it("keeps a late evening on the last day of a month on that day", () => {
    // The day of an instant late in the evening, whose UTC day is the same but whose guess crosses into the next month.
    expect(stockholmTimeOnDay("2024-06-30T20:00:00.000Z", "23:30")).toBe("2024-06-30T21:30:00.000Z");
    expect(stockholmTimeOnDay("2025-12-31", "23:59")).toBe("2025-12-31T22:59:00.000Z");
  });

  it("counts days on the calendar (the digest's three days ahead), over month, year and clock changes", () => {
    expect(daysAfter("2026-11-29", 3)).toBe("2026-12-02");
    expect(daysAfter("2026-12-30", 3)).toBe("2027-01-02");
    expect(daysAfter("2026-03-27", 3)).toBe("2026-03-30");
    expect(daysAfter("2026-03-01", -2)).toBe("2026-02-27");
  });

  it("reads the Stockholm hour (the digest's DIGEST_HOUR) in winter and in summer", () => {
    expect(stockholmHour("2026-01-15T06:30:00.000Z")).toBe(7);
    expect(stockholmHour("2026-07-15T05:30:00.000Z")).toBe(7);
    expect(stockholmHour("2025-12-31T23:30:00.000Z")).toBe(0);
  });
});
