/*
 * Common Chinese surnames: the single-character ones covering the great majority of the population (the
 * most frequent in the public statistics of household registration) and the usual compound ones. A name is
 * only taken for one when it starts with one of these, which keeps ordinary words tagged `nr` by the
 * segmenter (地名, 机构简称) out.
 */
const SINGLE =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝';

const COMPOUND = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐', '端木', '西门', '南宫', '独孤', '轩辕', '呼延'];

const singles = new Set([...SINGLE]);

/** The surname a text starts with (compound first), or null. */
export function surnameOf(text: string): string | null {
  for (const c of COMPOUND) if (text.startsWith(c)) return c;
  const first = text[0];
  return first !== undefined && singles.has(first) ? first : null;
}
