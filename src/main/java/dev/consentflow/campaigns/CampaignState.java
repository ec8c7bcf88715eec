package dev.consentflow.campaigns;

/** A campaign's life: a DRAFT (perhaps scheduled), SENDING once sent, SENT when every recipient is settled. */
public enum CampaignState { DRAFT, SENDING, SENT }
