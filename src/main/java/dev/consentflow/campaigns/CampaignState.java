package dev.consentflow.campaigns;

/**
 * A campaign's life: a DRAFT (perhaps scheduled), SENDING once sent, PAUSED when it stopped itself because its
 * bounce or complaint rate passed the account's thresholds (until the marketer resumes it), SENT when every
 * recipient is settled.
 */
public enum CampaignState { DRAFT, SENDING, PAUSED, SENT }
