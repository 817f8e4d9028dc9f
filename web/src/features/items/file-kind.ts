/** A file's kind in words a person knows (图片, PDF, Word …), from its media type: the raw type is no label. */
export type FileKind = 'image' | 'pdf' | 'word' | 'sheet' | 'slides' | 'text' | 'archive' | 'video' | 'audio' | 'other';

export function fileKind(mediaType: string): FileKind {
  const m = mediaType.toLowerCase().split(';')[0]!.trim();
  if (m.startsWith('image/')) return 'image';
  if (m.startsWith('video/')) return 'video';
  if (m.startsWith('audio/')) return 'audio';
  if (m === 'application/pdf') return 'pdf';
  if (m.includes('wordprocessingml') || m === 'application/msword' || m.includes('opendocument.text')) return 'word';
  if (m.includes('spreadsheetml') || m === 'application/vnd.ms-excel' || m === 'text/csv' || m.includes('opendocument.spreadsheet')) return 'sheet';
  if (m.includes('presentationml') || m === 'application/vnd.ms-powerpoint') return 'slides';
  if (m.startsWith('text/')) return 'text';
  if (['application/zip', 'application/x-zip-compressed', 'application/x-7z-compressed', 'application/x-rar-compressed', 'application/gzip'].includes(m)) return 'archive';
  return 'other';
}
