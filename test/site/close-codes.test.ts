import { describe, expect, it } from 'vitest';
import { explainClose } from '../../site/client/close-codes.ts';

const closed = (code: number, requested = false, everOpened = true) => ({ code, requested, everOpened });

describe('explainClose', () => {
  it('says who closed a normal closure', () => {
    expect(explainClose('en', closed(1000, true))).toBe('Normal closure: you closed it. The backend now receives $disconnect.');
    expect(explainClose('en', closed(1000))).toContain('DeleteConnection');
  });

  it('names the idle timeout and the 2-hour limit for 1001, marking the 2-hour code unconfirmed', () => {
    expect(explainClose('en', closed(1001))).toMatch(/10 minutes without a message.*2-hour connection limit \(not confirmed\)/);
    expect(explainClose('ja', closed(1001))).toMatch(/10 分間.*2 時間.*未確認/);
  });

  it('explains 1009 with the 32 KB a browser can send', () => {
    expect(explainClose('en', closed(1009))).toBe(
      'Message too big. API Gateway closes with 1009 when a frame is over 32 KB or a message is over 128 KB. A browser sends each message as a single frame, so from a browser the real limit is 32 KB.',
    );
  });

  it('tells a failed handshake from a dropped connection for 1006', () => {
    expect(explainClose('en', closed(1006, false, false))).toContain('never established');
    expect(explainClose('en', closed(1006, false, true))).toContain('without a close frame');
  });

  it.each([
    [1003, 'binary frames'],
    [1005, 'no code'],
    [1011, 'stays open'],
    [3001, 'libraries'],
    [4000, 'applications'],
    [1004, 'no meaning'],
  ])('explains %i', (code, words) => {
    expect(explainClose('en', closed(code))).toContain(words);
  });

  it('has every explanation in Japanese too', () => {
    for (const code of [1000, 1001, 1002, 1003, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 1015, 3000, 4999, 1004]) {
      expect(explainClose('ja', closed(code))).toMatch(/[ぁ-んァ-ン]/);
    }
  });
});
