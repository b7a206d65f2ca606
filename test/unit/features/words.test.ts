import { strict as assert } from 'node:assert';
import {
  formatName,
  matchesCase,
  milestoneVerb,
  nameContainsKey,
  words,
} from '../../../server/src/core/features/words';
import { namingProblem } from '../../../server/src/core/rules/event-naming';
import { closest } from '../../../server/src/core/suggest';

describe('event name words', () => {
  it('splits every naming style into lower-case words', () => {
    assert.deepEqual(words('checkout_started'), ['checkout', 'started']);
    assert.deepEqual(words('Checkout Started'), ['checkout', 'started']);
    assert.deepEqual(words('checkoutV2Started'), ['checkout', 'v2', 'started']);
    assert.deepEqual(words('PDFExport-opened'), ['pdf', 'export', 'opened']);
  });

  it('finds the milestone verb last, then first; unknown verbs give nothing', () => {
    assert.deepEqual(milestoneVerb('report_created'), {
      milestone: 'activation',
      verb: 'created',
      position: 'last',
    });
    assert.deepEqual(milestoneVerb('Create Report'), {
      milestone: 'activation',
      verb: 'create',
      position: 'first',
    });
    assert.equal(milestoneVerb('Order Completed')?.milestone, 'value');
    assert.equal(milestoneVerb('modal_shown')?.milestone, 'discovery');
    assert.equal(milestoneVerb('Open Settings')?.milestone, 'discovery');
    assert.equal(milestoneVerb('invite_link_copied'), undefined);
    // A single word is only a verb at the end: `view` alone is not "verb-first".
    assert.equal(milestoneVerb('viewed')?.milestone, 'discovery');
  });

  it("matches a feature key's meaningful words in order, ignoring version and noise words and plurals", () => {
    assert.equal(nameContainsKey('Bulk Export Clicked', 'bulk-export'), true);
    assert.equal(nameContainsKey('checkout_started', 'new-checkout-v2'), true);
    assert.equal(nameContainsKey('team_invite_sent', 'team_invites'), true);
    assert.equal(nameContainsKey('export_bulk_clicked', 'bulk-export'), false);
    assert.equal(nameContainsKey('bulk_upload_export', 'bulk-export'), false);
    assert.equal(nameContainsKey('checkouts_viewed', 'checkout'), true);
  });

  it('checks and writes the four cases', () => {
    assert.equal(matchesCase('report_created', 'snake_case'), true);
    assert.equal(matchesCase('Report Added to Cart', 'Title Case'), true);
    assert.equal(matchesCase('to Cart', 'Title Case'), false);
    assert.equal(matchesCase('reportCreated', 'camelCase'), true);
    assert.equal(matchesCase('report-created', 'kebab-case'), true);
    assert.equal(matchesCase('Report_Created', 'snake_case'), false);
    assert.equal(formatName(['added', 'to', 'cart'], 'Title Case'), 'Added to Cart');
    assert.equal(formatName(['report', 'created'], 'camelCase'), 'reportCreated');
  });

  it('suggests the convention, moving a leading verb to the end in object-action order', () => {
    assert.equal(namingProblem('Create Report', { objectAction: true })?.suggestion, 'Report Created');
    assert.equal(
      namingProblem('create_report', { eventCase: 'Title Case', objectAction: true })?.suggestion,
      'Report Created',
    );
    assert.equal(namingProblem('report_created', { eventCase: 'snake_case', objectAction: true }), undefined);
    assert.equal(namingProblem('$pageview', { eventCase: 'Title Case' }), undefined);
  });
});

describe('did-you-mean', () => {
  const planned = [
    'checkout_started',
    'checkout_viewed',
    'order_completed',
    'cart_viewed',
    'open',
    'ai-search',
  ];

  it('suggests names within 2 edits and a quarter of the longer name, ignoring case and separators', () => {
    assert.equal(closest('checkout_startd', planned), 'checkout_started');
    assert.equal(closest('CheckoutStarted', planned), 'checkout_started');
    assert.equal(closest('order-completed', planned), 'order_completed');
    assert.equal(closest('cart_view', planned), 'cart_viewed');
    assert.equal(closest('ai-serach', planned), 'ai-search');
  });

  it('does not suggest distant or short unrelated names', () => {
    assert.equal(closest('checkout_abandoned', planned), undefined);
    assert.equal(closest('save', planned), undefined);
    // One edit in a five-letter name is allowed (5 / 4 → 1), two are not.
    assert.equal(closest('opens', planned), 'open');
    assert.equal(closest('opxnz', planned), undefined);
  });
});
