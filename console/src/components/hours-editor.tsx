import { type DayKey, dayKeys, dayLabels, type Hours, type WeeklyHours } from '@madoguchi/contracts';
import { useId, useRef } from 'react';

const DEFAULT_HOURS: Hours = { opens: '08:30', closes: '17:15' };

/** Week of closed days, the starting point of a new department. */
export function closedWeek(): WeeklyHours {
  return { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null, holiday: null };
}

export function officeWeek(): WeeklyHours {
  const open = { ...DEFAULT_HOURS };
  return { ...closedWeek(), mon: open, tue: open, wed: open, thu: open, fri: open };
}

/**
 * Opening hours per weekday plus 祝日: a 「休業」 checkbox and two time inputs per day. `name` is the
 * field path used by API errors (`businessHours` → `businessHours.mon.closes`).
 */
export function HoursEditor({
  legend,
  name,
  value,
  onChange,
  errors,
  disabled,
}: {
  legend: string;
  name: string;
  value: WeeklyHours;
  onChange: (value: WeeklyHours) => void;
  errors: Record<string, string>;
  disabled?: boolean;
}) {
  const baseId = useId();
  const remembered = useRef<Partial<Record<DayKey, Hours>>>({});

  const setDay = (day: DayKey, hours: Hours | null) => onChange({ ...value, [day]: hours });

  return (
    <fieldset className="hours-editor" disabled={disabled}>
      <legend className="hours-editor__legend">{legend}</legend>
      <div className="hours-editor__grid">
        {dayKeys.map((day) => {
          const hours = value[day];
          const closed = hours === null;
          const error =
            errors[`${name}.${day}.opens`] ?? errors[`${name}.${day}.closes`] ?? errors[`${name}.${day}`];
          const errorId = `${baseId}-${day}-error`;
          const timeProps = {
            className: 'input input--time',
            type: 'time',
            step: 60,
            'aria-invalid': error ? true : undefined,
            'aria-describedby': error ? errorId : undefined,
          } as const;
          return (
            <div className={`hours-editor__row${error ? ' hours-editor__row--invalid' : ''}`} key={day}>
              <span className="hours-editor__day" id={`${baseId}-${day}`}>
                {dayLabels[day]}
              </span>
              <div className="checkbox">
                <input
                  id={`${baseId}-${day}-closed`}
                  type="checkbox"
                  checked={closed}
                  onChange={(e) => {
                    if (e.target.checked) {
                      if (hours) remembered.current[day] = hours;
                      setDay(day, null);
                    } else {
                      setDay(day, remembered.current[day] ?? DEFAULT_HOURS);
                    }
                  }}
                />
                <label htmlFor={`${baseId}-${day}-closed`}>
                  <span className="visually-hidden">{dayLabels[day]}は</span>休業
                </label>
              </div>
              {closed ? (
                <span className="hours-editor__closed">休業日</span>
              ) : (
                <span className="hours-editor__times">
                  <label className="hours-editor__time">
                    <span className="visually-hidden">{dayLabels[day]}の</span>開始
                    <input
                      {...timeProps}
                      name={`${name}.${day}.opens`}
                      value={hours.opens}
                      onChange={(e) => setDay(day, { ...hours, opens: e.target.value })}
                    />
                  </label>
                  <span aria-hidden="true">〜</span>
                  <label className="hours-editor__time">
                    <span className="visually-hidden">{dayLabels[day]}の</span>終了
                    <input
                      {...timeProps}
                      name={`${name}.${day}.closes`}
                      value={hours.closes}
                      onChange={(e) => setDay(day, { ...hours, closes: e.target.value })}
                    />
                  </label>
                </span>
              )}
              {error && (
                <p className="field__error hours-editor__error" id={errorId}>
                  <span aria-hidden="true">⚠ </span>
                  {error}
                </p>
              )}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
