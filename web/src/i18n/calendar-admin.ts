import { useTextTable } from './index.js';

/*
 * Texts of the working-day calendar tab of the admin page (管理 → 工作日历). They live apart from the main tables
 * so that they load with that tab, not with the first page every user opens.
 */

export const calZh = {
  covered: '已有节假日安排的年份',
  loaded: '管理员载入的节假日安排',
  noneLoaded: '尚未载入；以上年份的安排随系统提供',
  year: '年份',
  loadedAt: '载入时间',
  source: '依据文件',
  missing: '{year} 年节假日安排尚未载入',
  missingHelp:
    '跨入 {year} 年的工作日期限按《全国年节及纪念日放假办法》的法定节假日和周末暂定计算，在事项上标为“暂定”。国务院办公厅通知发布后在此载入，暂定期限会重新计算，并在事项上记录调整前后的日期。',
  load: '载入节假日安排',
  loadHelp: '照国务院办公厅关于部分节假日安排的通知填写。每行一天或一段，如“2月6日至2月12日”“2027-10-01~10-07”；也可用逗号、顿号分隔。',
  holidays: '放假日期（含假期内的周末）',
  workdays: '调休上班日期（周六或周日）',
  sourcePlaceholder: '如 国办发明电〔2026〕X号',
  fromFile: '从文件读取',
  fromFileHelp: '与命令 luoshi calendar load 相同的 JSON 文件：{"year":2027,"holidays":[…],"workdays":[…],"source":"…"}',
  badFile: '文件不是节假日安排的 JSON：{detail}',
  counted: '共 {n} 天',
  unreadable: '无法识别：{entries}',
  outsideYear: '不在 {year} 年内：{dates}',
  weekday: '调休上班日须为周六或周日：{dates}',
  both: '同时列为放假和上班：{dates}',
  needHolidays: '请填写放假日期',
  replaceWarning: '{year} 年的安排已载入过，本次载入将替换它。',
  submit: '载入',
  done: '已载入 {year} 年节假日安排',
  replaced: '已替换 {year} 年节假日安排',
  movedNone: '没有暂定期限需要调整。',
  moved: '{n} 个事项的暂定期限已按通知重新计算：',
};

export type CalKey = keyof typeof calZh;

export const calEn: Record<CalKey, string> = {
  covered: 'Years with a holiday notice',
  loaded: 'Notices loaded by an admin',
  noneLoaded: 'None loaded; the years above come with the system',
  year: 'Year',
  loadedAt: 'Loaded',
  source: 'Document',
  missing: 'No holiday notice loaded for {year}',
  missingHelp:
    'Working-day deadlines reaching into {year} are counted provisionally on the statutory holidays and weekends, and marked “provisional” on their items. Load the State Council’s notice here once it is published: provisional deadlines are counted again and each item records the old and new date.',
  load: 'Load a holiday notice',
  loadHelp: 'Copy it from the State Council’s notice. One day or one range per line, e.g. “2月6日至2月12日” or “2027-10-01~10-07”; commas and 、 separate entries too.',
  holidays: 'Days off (weekends inside a break included)',
  workdays: 'Make-up working days (Saturdays or Sundays)',
  sourcePlaceholder: 'e.g. 国办发明电〔2026〕X号',
  fromFile: 'Read from a file',
  fromFileHelp: 'The JSON file luoshi calendar load reads: {"year":2027,"holidays":[…],"workdays":[…],"source":"…"}',
  badFile: 'The file is not a holiday notice in JSON: {detail}',
  counted: '{n} days',
  unreadable: 'Not a day or a range: {entries}',
  outsideYear: 'Not in {year}: {dates}',
  weekday: 'Make-up working days fall on a Saturday or Sunday: {dates}',
  both: 'Listed both as a day off and as a working day: {dates}',
  needHolidays: 'Enter the days off',
  replaceWarning: 'A notice for {year} was loaded before; this one replaces it.',
  submit: 'Load',
  done: 'Holiday notice for {year} loaded',
  replaced: 'Holiday notice for {year} replaced',
  movedNone: 'No provisional deadline had to move.',
  moved: 'Provisional deadlines of {n} items were counted again on the notice:',
};

/** The tab's texts in the user's language. */
export function useCal(): (key: CalKey, values?: Readonly<Record<string, unknown>>) => string {
  return useTextTable(calZh, calEn);
}
