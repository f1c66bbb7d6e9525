import type { ChatFormat } from './notification.types.js';

/** What a chat message says. */
export interface ChatMessage {
  title: string;
  body: string;
  /** Absolute URL of the page in the web UI. */
  url: string;
}

/**
 * The JSON body an incoming webhook of each chat takes:
 * - Slack: `text` (the notification fallback) and a section block in mrkdwn;
 * - Microsoft Teams (workflow webhooks): a message with one Adaptive Card and an "Open in Cairn" action;
 * - Mattermost: `text` in Markdown.
 */
export function chatPayload(format: ChatFormat, m: ChatMessage): unknown {
  switch (format) {
    case 'slack':
      return {
        text: `${m.title}: ${m.url}`,
        blocks: [
          {
            type: 'section',
            text: { type: 'mrkdwn', text: `*<${m.url}|${slackEscape(m.title)}>*\n${slackEscape(m.body)}` },
          },
        ],
      };
    case 'teams':
      return {
        type: 'message',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            content: {
              $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
              type: 'AdaptiveCard',
              version: '1.4',
              body: [
                { type: 'TextBlock', text: m.title, weight: 'Bolder', size: 'Medium', wrap: true },
                { type: 'TextBlock', text: m.body, wrap: true },
              ],
              actions: [{ type: 'Action.OpenUrl', title: 'Open in Cairn', url: m.url }],
            },
          },
        ],
      };
    case 'mattermost':
      return { username: 'Cairn', text: `#### [${m.title}](${m.url})\n${m.body}` };
  }
}

/** Slack's mrkdwn treats &, < and > as markup. */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
