import { strict as assert } from 'node:assert';
import { statusText } from '../../../client/src/statusText';

describe('status bar text', () => {
  it('says the extension is starting until the server answers', () => {
    assert.equal(statusText({ kind: 'starting' }), 'Activation Lens: starting…');
  });

  it('counts features and gaps, singular and plural', () => {
    assert.equal(
      statusText({ kind: 'ready', features: 5, gaps: 2, files: 9 }),
      'Activation Lens: 5 features · 2 gaps',
    );
    assert.equal(
      statusText({ kind: 'ready', features: 1, gaps: 1, files: 1 }),
      'Activation Lens: 1 feature · 1 gap',
    );
    assert.equal(
      statusText({ kind: 'ready', features: 0, gaps: 0, files: 0 }),
      'Activation Lens: 0 features · 0 gaps',
    );
  });

  it('says when the server is indexing', () => {
    assert.equal(statusText({ kind: 'indexing' }), 'Activation Lens: indexing…');
  });

  it('says when the server failed', () => {
    assert.equal(statusText({ kind: 'failed', reason: 'exited with code 1' }), 'Activation Lens: failed');
  });
});
